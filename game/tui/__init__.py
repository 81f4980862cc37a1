"""The Textual app: screens, widgets and styles. Thin: it renders state and sends intents."""
