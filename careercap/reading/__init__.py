"""Bytes to validated models, with located errors: streams cut into documents, YAML read
into plain values, Pydantic's errors put at the line and column they are about, and the
profile and rules files built on those."""
