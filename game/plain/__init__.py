"""Plain-text play and quizzes: the game as lines on standard input and output."""

from game.plain.play import PlainGame
from game.plain.quiz import PlainQuiz

__all__ = ["PlainGame", "PlainQuiz"]
