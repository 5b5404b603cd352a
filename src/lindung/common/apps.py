from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "lindung.common"
    verbose_name = "Kernel"
    default_auto_field = "django.db.models.BigAutoField"
