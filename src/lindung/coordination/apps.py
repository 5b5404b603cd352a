from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "lindung.coordination"
    label = "coordination"
