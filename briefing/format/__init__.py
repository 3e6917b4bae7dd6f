"""The briefing format: the model, dates, text hygiene, and reading one YAML document into records.

Plain Python: nothing here imports Rich or Textual, or any other layer of the package.
"""
