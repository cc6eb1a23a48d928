"""Page objects: one response in, one raw article out, with no I/O."""
