"""Assessing cases: one case with its explanation, under any framework."""
