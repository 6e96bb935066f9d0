# lino-migrate data file: wagtailcore.PageLogEntry, part 1 of 1, rows 1 to 23
# table: wagtailcore_pagelogentry
# columns: id (int), content_type_id (contenttype), label (text), action (text), data (json), timestamp (datetime), uuid (uuid), user_id (int), revision_id (int), content_changed (bool), deleted (bool), page_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, ["wagtailsite52", "articlepage"], "Home", "wagtail.create", {}, "2026-12-01T16:47:07.749699+00:00", null, 1, null, true, false, 3],
[2, ["wagtailsite52", "articlepage"], "Home", "wagtail.publish", {}, "2026-12-01T16:47:07.891277+00:00", null, null, 1, true, false, 3],
[3, ["wagtailsite52", "articlepage"], "Home", "wagtail.edit", {}, "2026-12-01T16:47:07.959944+00:00", null, 1, 2, true, false, 3],
[4, ["wagtailsite52", "articlepage"], "Home", "wagtail.publish", {}, "2026-12-01T16:47:08.042876+00:00", null, 1, 2, true, false, 3],
[5, ["wagtailcore", "page"], "Welcome to your new Wagtail site!", "wagtail.delete", {}, "2026-12-01T16:47:08.093047+00:00", null, null, null, false, true, 2],
[6, ["wagtailsite52", "articlepage"], "About us", "wagtail.create", {}, "2026-12-01T16:47:08.202917+00:00", null, 3, null, true, false, 4],
[7, ["wagtailsite52", "articlepage"], "About us", "wagtail.publish", {}, "2026-12-01T16:47:08.349708+00:00", null, null, 3, true, false, 4],
[8, ["wagtailsite52", "articlepage"], "About us (in review)", "wagtail.workflow.start", {"workflow": {"id": 1, "title": "Moderators approval", "status": "in_progress", "next": {"id": 1, "title": "Moderators approval"}, "task_state_id": 1}}, "2026-12-01T16:47:08.437866+00:00", null, 3, 4, false, false, 4],
[9, ["wagtailsite52", "articlepage"], "News", "wagtail.create", {}, "2026-12-01T16:47:08.475173+00:00", null, 1, null, true, false, 5],
[10, ["wagtailsite52", "articlepage"], "News", "wagtail.publish", {}, "2026-12-01T16:47:08.662727+00:00", null, null, 5, true, false, 5],
[11, ["wagtailsite52", "articlepage"], "Story 0", "wagtail.create", {}, "2026-12-01T16:47:08.763169+00:00", null, 3, null, true, false, 6],
[12, ["wagtailsite52", "articlepage"], "Story 0", "wagtail.publish", {}, "2026-12-01T16:47:08.918607+00:00", null, null, 7, true, false, 6],
[13, ["wagtailsite52", "articlepage"], "Story 1", "wagtail.create", {}, "2026-12-01T16:47:08.954549+00:00", null, 3, null, true, false, 7],
[14, ["wagtailsite52", "articlepage"], "Story 1", "wagtail.publish", {}, "2026-12-01T16:47:09.113922+00:00", null, null, 8, true, false, 7],
[15, ["wagtailsite52", "articlepage"], "Story 1", "wagtail.publish", {}, "2026-12-01T16:47:09.254362+00:00", null, null, 9, true, false, 7],
[16, ["wagtailsite52", "articlepage"], "Story 2", "wagtail.create", {}, "2026-12-01T16:47:09.286976+00:00", null, 3, null, true, false, 8],
[17, ["wagtailsite52", "articlepage"], "Story 2", "wagtail.publish", {}, "2026-12-01T16:47:09.474805+00:00", null, null, 10, true, false, 8],
[18, ["wagtailsite52", "articlepage"], "Story 2", "wagtail.publish", {}, "2026-12-01T16:47:09.618988+00:00", null, null, 11, true, false, 8],
[19, ["wagtailsite52", "articlepage"], "Story 2", "wagtail.publish", {}, "2026-12-01T16:47:09.762954+00:00", null, null, 12, true, false, 8],
[20, ["wagtailsite52", "articlepage"], "Story 2", "wagtail.unpublish", {}, "2026-12-01T16:47:09.808054+00:00", null, 1, null, false, false, 8],
[21, ["wagtailsite52", "articlepage"], "Unpublished", "wagtail.create", {}, "2026-12-01T16:47:09.851513+00:00", null, 3, null, true, false, 9],
[22, ["wagtailsite52", "articlepage"], "Coming soon", "wagtail.create", {}, "2026-12-01T16:47:09.978063+00:00", null, 1, null, true, false, 10],
[23, ["wagtailsite52", "articlepage"], "Coming soon", "wagtail.publish.schedule", {"revision": {"id": 15, "created": "2026-12-01T16:47:09.995Z", "go_live_at": "2036-11-28T16:47:09.123Z", "has_live_version": false}}, "2026-12-01T16:47:10.106731+00:00", null, 1, 15, true, false, 10],
]
