from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "rangwan.results"
    label = "results"

    def ready(self):
        # Imported here, not at the top: models may not be imported before the registry is
        # ready (Django's rule). The lower apps run these without importing results:
        # verify_audit the integrity check, the directory's erasure the retention rule,
        # judging the closing of a programme's judging once its results are final.
        from rangwan.audit.verify import register_check
        from rangwan.directory.personal_data import register
        from rangwan.judging.closing import register_closer
        from rangwan.results.integrity import verify_all_results
        from rangwan.results.personal_data import HOLDER
        from rangwan.results.queries import final_programmes

        register_check(verify_all_results)
        register(HOLDER)
        register_closer(final_programmes)
