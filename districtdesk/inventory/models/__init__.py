from districtdesk.inventory.models.assets import Asset, AssetMove
from districtdesk.inventory.models.audits import Audit, AuditItem, AuditPhase, AuditScan
from districtdesk.inventory.models.catalogue import AssetModel, AssetType, Manufacturer
from districtdesk.inventory.models.discrepancies import AuditDiscrepancy, DiscrepancyAttachment

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
    "Manufacturer",
]
