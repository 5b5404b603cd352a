from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from lindung.accounts.demo import DEMO_PASSWORD
from lindung.site.demo import DEMO_ACCOUNTS
from lindung.site.demo import demo_accounts_create
from lindung.site.demo import demo_people_create
from lindung.site.demo import demo_reports_create
from lindung.site.demo import real_records


class Command(BaseCommand):
    help = "Set up a demo on the embedded database and serve it (PORT, default 8000)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true",
                            help="prepare the database and exit")
        parser.add_argument("--people", type=int, default=1500)

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Database: {settings.DATABASES['default']['NAME']}")
        real = real_records()
        if real:
            raise CommandError(_(
                "Basis data ini berisi data nyata (tidak bertanda sintetis): %(records)s. "
                "Demo tidak dipasang: akun demo dan kata sandinya tidak boleh ada di samping "
                "data nyata. Jalankan demo pada basis data kosong atau yang hanya berisi data "
                "demo (pilih lewat DATABASE_URL).") % {
                    "records": ", ".join(f"{label} {count}" for label, count in real)})
        call_command("setup", stdout=self.stdout)
        made = demo_accounts_create()
        people = demo_people_create(count=options["people"])
        self.stdout.write(f"Synthetic demo people created: {people}")
        self.stdout.write(f"Synthetic demo reports created: {demo_reports_create()}")
        call_command("load_ltsa_demo", stdout=self.stdout)
        call_command("load_villages_demo", stdout=self.stdout)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(self.style.SUCCESS("\nDemo accounts (password for all: "
                                             f"{DEMO_PASSWORD}):"))
        for spec in DEMO_ACCOUNTS:
            self.stdout.write(f"  {spec.username:<18} {spec.role.label:<28} {spec.description}")
        for spec, token in made:
            if token:
                self.stdout.write(f"  API token for {spec.username} (shown once): {token}")
        if options["no_serve"]:
            return
        port = os.environ.get("PORT", "8000")
        env = dict(os.environ)
        # The task queue worker runs beside the web server.
        worker = subprocess.Popen([sys.executable, "-m", "lindung.cli", "run_huey"], env=env)
        try:
            call_command("serve", port=port, workers=2)
        finally:
            worker.terminate()
