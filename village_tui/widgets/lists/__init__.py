"""The paged list base shared by every list screen."""
