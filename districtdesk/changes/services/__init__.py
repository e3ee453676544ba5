"""Every change-control step: submission, decisions, meetings and implementation."""
