"""Treaty Talks: a terminal game about the Russia-Japan peace treaty talks."""

__version__ = "0.1.0"
