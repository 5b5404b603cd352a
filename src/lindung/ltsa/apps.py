from django.apps import AppConfig


class LtsaConfig(AppConfig):
    name = "lindung.ltsa"
    label = "ltsa"
