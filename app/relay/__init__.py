"""The event relay: an organiser's server that holds the 9Pic key for runners' apps.

It answers the runner app's calls for the events in its config, adds the key only on
the call it makes upstream, and keeps the organiser's quota safe with per-client limits.
No Qt here; it may use `app.core`, and `app.core` never imports it.
"""
