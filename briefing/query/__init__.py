"""The query language (a pure function of the text) and its fast evaluation over a catalog."""
