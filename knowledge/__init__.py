"""Knowledge every agent may share without importing another agent: the topic taxonomy (topics.py), the error
catalogue (errors.py) and the index of the official Python documentation (docs_index/). Agents otherwise meet
only over gRPC; this package imports nothing from agents/."""
