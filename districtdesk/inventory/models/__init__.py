from districtdesk.inventory.models.assets import Asset, AssetMove
from districtdesk.inventory.models.audits import Audit, AuditItem, AuditScan
from districtdesk.inventory.models.catalogue import AssetModel, AssetType, Manufacturer

__all__ = [
    "Asset",
    "AssetModel",
    "AssetMove",
    "AssetType",
    "Audit",
    "AuditItem",
    "AuditScan",
    "Manufacturer",
]
