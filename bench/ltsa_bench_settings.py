"""Settings of the LTSA benchmark server: Lindung's own, with the benchmark's URLs."""

from lindung.settings import *  # noqa: F403
from lindung.settings import PACKAGE_DIR

ROOT_URLCONF = "ltsa_bench_urls"
# The package's own static files (site.css, vendored htmx) live outside any app; without
# this, collectstatic does not find them and every page fails under the manifest storage
# that DEBUG-off uses. Reported to the lead for settings.py; kept here until then.
if not globals().get("STATICFILES_DIRS"):
    STATICFILES_DIRS = [PACKAGE_DIR / "static"]
