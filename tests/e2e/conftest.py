from tests.qgis_fixtures import german, plugin, provider_only, registry, write_dem  # noqa: F401
