from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "lindung.prevention"
    label = "prevention"
