from districtdesk.inventory.models.assets import Asset, AssetMove
from districtdesk.inventory.models.audits import Audit, AuditItem, AuditPhase, AuditScan
from districtdesk.inventory.models.catalogue import AssetModel, AssetType, Manufacturer
from districtdesk.inventory.models.discrepancies import AuditDiscrepancy, DiscrepancyAttachment
from districtdesk.inventory.models.student_access import StudentDataAccess, StudentPurge
from districtdesk.inventory.models.work_items import InventoryWorkItem, WorkItemAsset

__all__ = [
    "Asset",
    "AssetModel",
    "AssetMove",
    "AssetType",
    "Audit",
    "AuditDiscrepancy",
    "AuditItem",
    "AuditPhase",
    "AuditScan",
    "DiscrepancyAttachment",
    "InventoryWorkItem",
    "Manufacturer",
    "StudentDataAccess",
    "StudentPurge",
    "WorkItemAsset",
]
