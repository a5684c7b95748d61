"""decision-aid: evidence-based professionalism guidance for physicians on social media."""

__version__ = "0.1.0"
