import datetime

from django.db import migrations, models
from django.utils import timezone


def _end_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def state_the_past(apps, schema_editor):
    """Packs rendered before papers stated a moment are given the one they were composed at, at the latest:
    papers at their meeting's start, a headline report at the end of its issue day (or of the meeting's day)."""
    MeetingPack = apps.get_model("meetings", "MeetingPack")
    for pack in MeetingPack.objects.select_related("meeting"):
        meeting = pack.meeting
        if pack.kind == "papers":
            moment = meeting.starts_at
        else:
            issued = meeting.headline_issued_on or timezone.localtime(meeting.starts_at).date()
            moment = _end_of(issued)
        pack.as_of = min(moment, pack.requested_at)
        pack.save(update_fields=["as_of"])


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="meetingpack",
            name="as_of",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(state_the_past, migrations.RunPython.noop),
    ]
