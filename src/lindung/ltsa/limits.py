"""Rate-limit policies of the public LTSA routes (the kernel's limiter counts them)."""

from __future__ import annotations

from lindung.common.ratelimit import Policy, Window

# Look-ups with a receipt code per client, the web page and the API together.
TRACK_POLICY = Policy("ltsa-track", (Window(10, 600),))
