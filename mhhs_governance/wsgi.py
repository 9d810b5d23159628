import os

from django.core.wsgi import get_wsgi_application

from mhhs_governance.startup import refuse_to_serve_unsafely

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mhhs_governance.settings")

# Before anything can sign with the key.
refuse_to_serve_unsafely()
application = get_wsgi_application()
