from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "rangwan.results"
    label = "results"

    def ready(self):
        # Imported here, not at the top: models may not be imported before the registry is
        # ready (Django's rule). verify_audit (in the lower audit app) runs this check
        # without importing results.
        from rangwan.audit.verify import register_check
        from rangwan.results.integrity import verify_all_results

        register_check(verify_all_results)
