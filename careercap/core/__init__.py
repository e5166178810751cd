"""The model and everything computed from it: profiles and rules as models, the engine,
comparison, sensitivity, planning and explanations.

Pure: nothing here reads files, prints or exits, and nothing here imports PyYAML, Rich or
Typer. Results are NamedTuples whose docstrings state what they hold.
"""
