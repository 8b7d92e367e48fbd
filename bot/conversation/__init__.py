"""The conversation around the features: greeting and role, help, language, cancel, and what to
say to text, contacts and presses no feature expects."""
