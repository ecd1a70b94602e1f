from django.apps import AppConfig


class SeedConfig(AppConfig):
    """The seed document's data (Chachoengsao, FY 2568: `load_seed`) and the demo built on
    it (`load_demo`). It sits above every app, because the demo plays the programme
    through all of them with their own service functions."""

    name = "rangwan.seed"
    label = "seed"
