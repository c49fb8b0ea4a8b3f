package main

import (
	"fmt"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/status"
)

// describe renders an error as "<CODE>: <message>" (the code's name, never its number).
func describe(err error) string {
	st := status.Convert(err)
	return fmt.Sprintf("%s: %s", st.Code(), st.Message())
}

// detailLines decodes the google.rpc.Status details LearnFlow attaches to errors (sent in the
// grpc-status-details-bin trailer): BadRequest names each invalid field, RetryInfo says when to retry.
func detailLines(err error) []string {
	var lines []string
	for _, detail := range status.Convert(err).Details() {
		switch d := detail.(type) {
		case *errdetails.BadRequest:
			for _, v := range d.GetFieldViolations() {
				lines = append(lines, fmt.Sprintf("VIOLATION %s: %s", v.GetField(), v.GetDescription()))
			}
		case *errdetails.RetryInfo:
			lines = append(lines, fmt.Sprintf("RETRY AFTER %s", d.GetRetryDelay().AsDuration()))
		case *errdetails.ErrorInfo:
			lines = append(lines, fmt.Sprintf("ERROR INFO %s %s %v", d.GetDomain(), d.GetReason(), d.GetMetadata()))
		case error: // a detail type this program was not built with
			lines = append(lines, fmt.Sprintf("UNDECODED %v", d))
		default:
			lines = append(lines, fmt.Sprintf("DETAIL %T %v", d, d))
		}
	}
	return lines
}
