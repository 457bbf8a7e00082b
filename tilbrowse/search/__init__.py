"""Search as you type: the query language (`query`), what is indexed (`document`), the inverted
index and its ranking (`index`, `results`), and match highlighting (`highlight`)."""
