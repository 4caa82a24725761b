"""What the lessons need beyond the theory: self-checking exercises.

>>> from negotiation.course import NumberQuestion
>>> q = NumberQuestion("What is 1/4 as a decimal?", answer=0.25)
>>> q.check("0.25")
(True, 'Correct: 1/4 = 0.25.')
"""

from .exercises import ChoiceQuestion, NumberQuestion, Question

__all__ = ["ChoiceQuestion", "NumberQuestion", "Question"]
