"""The asset types DistrictDesk ships: seed 003's item lists (categories 1 and 3). The data
migration installs them; a flushed database (browser tests, benchmarks) reinstalls them."""

ASSET_TYPES = [
    ("computer", "Computers"),
    ("laptop", "Laptops"),
    ("chromebook", "Chromebooks"),
    ("tablet", "Tablets"),
    ("projector", "Projectors"),
    ("interactive-panel", "Interactive panels"),
    ("document-camera", "Document cameras"),
    ("phone", "Phones"),
    ("printer", "Printers"),
    ("cartridge", "Cartridges"),
    ("monitor", "Monitors"),
    ("scanner", "Scanners"),
    ("camera", "Cameras"),
    ("network-equipment", "Network equipment"),
    ("software-licence", "Software licences"),
    ("cash-register", "Cash registers"),
    ("hand-held-radio", "Hand-held radios"),
    ("other", "Other equipment"),
]


def install_asset_types(asset_type_model) -> None:
    """Takes the model as an argument, so a migration can pass its historical model."""
    for code, name in ASSET_TYPES:
        asset_type_model.objects.get_or_create(code=code, defaults={"name": name})
