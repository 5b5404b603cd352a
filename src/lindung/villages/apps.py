from django.apps import AppConfig


class VillagesConfig(AppConfig):
    name = "lindung.villages"
    label = "villages"
