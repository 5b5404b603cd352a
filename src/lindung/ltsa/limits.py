"""Rate-limit policies of the public LTSA routes (the kernel's limiter counts them)."""

from __future__ import annotations

from lindung.common.ratelimit import Policy
from lindung.common.ratelimit import Window

# Look-ups with a receipt code per client, the web page and the API together.
TRACK_POLICY = Policy("ltsa-track", (Window(10, 600),))

# Look-ups of a certificate by its short serial, per officer: a port's busiest hours stay
# well inside; going through the serials one by one does not.
CERTIFICATE_LOOKUP_POLICY = Policy("ltsa-certificate-lookup",
                                   (Window(60, 600), Window(400, 86400)))
