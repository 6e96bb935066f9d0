# lino-migrate data file: wagtailcore.PageLogEntry, part 1 of 1, rows 1 to 23
# table: wagtailcore_pagelogentry
# columns: id (int), content_type_id (contenttype), label (text), action (text), data (json), timestamp (datetime), uuid (uuid), user_id (int), revision_id (int), content_changed (bool), deleted (bool), page_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, ["wagtailsite", "articlepage"], "Home", "wagtail.create", {}, "2026-12-01T16:46:45.789260+00:00", null, 1, null, true, false, 3],
[2, ["wagtailsite", "articlepage"], "Home", "wagtail.publish", {}, "2026-12-01T16:46:45.902647+00:00", null, null, 1, true, false, 3],
[3, ["wagtailsite", "articlepage"], "Home", "wagtail.edit", {}, "2026-12-01T16:46:45.951923+00:00", null, 1, 2, true, false, 3],
[4, ["wagtailsite", "articlepage"], "Home", "wagtail.publish", {}, "2026-12-01T16:46:46.021986+00:00", null, 1, 2, true, false, 3],
[5, ["wagtailcore", "page"], "Welcome to your new Wagtail site!", "wagtail.delete", {}, "2026-12-01T16:46:46.060891+00:00", null, null, null, false, true, 2],
[6, ["wagtailsite", "articlepage"], "About us", "wagtail.create", {}, "2026-12-01T16:46:46.142345+00:00", null, 3, null, true, false, 4],
[7, ["wagtailsite", "articlepage"], "About us", "wagtail.publish", {}, "2026-12-01T16:46:46.245835+00:00", null, null, 3, true, false, 4],
[8, ["wagtailsite", "articlepage"], "About us (in review)", "wagtail.workflow.start", {"workflow": {"id": 1, "title": "Moderators approval", "status": "in_progress", "next": {"id": 1, "title": "Moderators approval"}, "task_state_id": 1}}, "2026-12-01T16:46:46.361462+00:00", null, 3, 4, false, false, 4],
[9, ["wagtailsite", "articlepage"], "News", "wagtail.create", {}, "2026-12-01T16:46:46.405974+00:00", null, 1, null, true, false, 5],
[10, ["wagtailsite", "articlepage"], "News", "wagtail.publish", {}, "2026-12-01T16:46:46.562342+00:00", null, null, 5, true, false, 5],
[11, ["wagtailsite", "articlepage"], "Story 0", "wagtail.create", {}, "2026-12-01T16:46:46.658041+00:00", null, 3, null, true, false, 6],
[12, ["wagtailsite", "articlepage"], "Story 0", "wagtail.publish", {}, "2026-12-01T16:46:46.818045+00:00", null, null, 7, true, false, 6],
[13, ["wagtailsite", "articlepage"], "Story 1", "wagtail.create", {}, "2026-12-01T16:46:46.847239+00:00", null, 3, null, true, false, 7],
[14, ["wagtailsite", "articlepage"], "Story 1", "wagtail.publish", {}, "2026-12-01T16:46:46.969998+00:00", null, null, 8, true, false, 7],
[15, ["wagtailsite", "articlepage"], "Story 1", "wagtail.publish", {}, "2026-12-01T16:46:47.090035+00:00", null, null, 9, true, false, 7],
[16, ["wagtailsite", "articlepage"], "Story 2", "wagtail.create", {}, "2026-12-01T16:46:47.138289+00:00", null, 3, null, true, false, 8],
[17, ["wagtailsite", "articlepage"], "Story 2", "wagtail.publish", {}, "2026-12-01T16:46:47.280459+00:00", null, null, 10, true, false, 8],
[18, ["wagtailsite", "articlepage"], "Story 2", "wagtail.publish", {}, "2026-12-01T16:46:47.452805+00:00", null, null, 11, true, false, 8],
[19, ["wagtailsite", "articlepage"], "Story 2", "wagtail.publish", {}, "2026-12-01T16:46:47.507476+00:00", null, null, 12, true, false, 8],
[20, ["wagtailsite", "articlepage"], "Story 2", "wagtail.unpublish", {}, "2026-12-01T16:46:47.532137+00:00", null, 1, null, false, false, 8],
[21, ["wagtailsite", "articlepage"], "Unpublished", "wagtail.create", {}, "2026-12-01T16:46:47.546655+00:00", null, 3, null, true, false, 9],
[22, ["wagtailsite", "articlepage"], "Coming soon", "wagtail.create", {}, "2026-12-01T16:46:47.610055+00:00", null, 1, null, true, false, 10],
[23, ["wagtailsite", "articlepage"], "Coming soon", "wagtail.publish.schedule", {"revision": {"id": 15, "created": "2026-12-01T16:46:47.634Z", "go_live_at": "2036-11-28T16:46:47.123Z", "has_live_version": false}}, "2026-12-01T16:46:47.714355+00:00", null, 1, 15, true, false, 10],
]
