"""Policies for the core records."""

from lindung.core import access
from lindung.core.models import AuditEvent
from lindung.core.models import BackgroundJob

access.register(AuditEvent, access.Policy("audit", region_field="region_code"))
access.register(BackgroundJob, access.Policy("job", region_field="region_code"))
