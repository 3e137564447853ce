"""The Qt user interface. Thin: forms and model/view tables over the services."""
