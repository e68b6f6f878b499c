"""Training the English models from PolNeAR train (never dev or test)."""
