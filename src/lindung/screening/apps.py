from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "lindung.screening"
    label = "screening"
