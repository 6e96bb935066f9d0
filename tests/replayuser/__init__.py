"""A project whose user model is its own (``AUTH_USER_MODEL = "accounts.User"``), for the replay tests.

Two releases of the app ``accounts``, chosen with ``LM_ACCOUNTS`` (settings.py): ``accounts_v1``
(1.0: 0001_initial) and ``accounts_v2`` (2.0: and 0002_user_display_name, a field filled by
RunPython). The app ``notes`` and Django's admin and auth point at the user model.
"""
