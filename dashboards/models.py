import secrets

from django.conf import settings
from django.db import models


class FeedToken(models.Model):
    """A per-user secret for calendar feeds: calendar clients cannot sign in, so the feed URL carries this
    token, which opens the feeds and nothing else, and can be rotated."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token")
    key = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Feed token of {self.user}"

    @classmethod
    def for_user(cls, user) -> "FeedToken":
        token, _ = cls.objects.get_or_create(user=user)
        return token
