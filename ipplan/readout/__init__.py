"""`ipplan text`: the text ipplan read out of a file, the lines every `line` field counts."""
