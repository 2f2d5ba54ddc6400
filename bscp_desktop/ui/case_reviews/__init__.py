"""The Case reviews tab."""
