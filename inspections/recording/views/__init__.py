"""The inspector's pages: task list, judgement, history, evidence, case samples, shared judgement,
one module per concern (see `urls.py`)."""
