"""The service-request REST API: its serializers, filters and viewset."""
