"""Pages of the plan: thin function views that check access, call a selector or a service, and render."""
