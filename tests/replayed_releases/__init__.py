"""Releases of the test app ``replayed`` (tests/replayed is the current one), for tests/test_replay_edges.py.

Each subpackage is a whole app with the label ``replayed`` and its own migrations, chosen with
``LM_EXTRA_APPS`` (tests/project/settings.py), as ``pip install -U`` would switch them:

- ``v1`` (1.0): 0001_initial only (``name``);
- ``v2`` (2.0): 0001_initial and 0002_item_size (``size``), not yet squashed;
- ``tests.replayed`` (3.0): 0001 and 0002 squashed, 0003_item_label (``label``, filled by RunPython);
- ``v4`` (3.0 too: a development checkout): 3.0 and 0004_item_note (``note``), newer than the code;
- ``gone`` (3.0.dev1): 3.0's migrations and 0004_item_name_index, removed from the code before 3.0;
- ``broken`` (3.2): 3.0 and 0004_item_ascii, whose RunPython raises on a name that is not ASCII.

A migration released once is the same file in every later release (test_replay_edges checks it).
``plain`` is an app without migrations (label ``plainapp``).
"""
