"""The LearnFlow command line client (`learnflow ask ...`) and the small client library it uses."""
