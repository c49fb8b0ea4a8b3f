// Command learnflow-example calls LearnFlow from Go through Envoy with the clients generated from the
// .proto files (generated/go, by `buf generate` with buf.gen.yaml at the repository root).
//
//	go run . [-retry-demo] <envoy host:port> <email> <password> "<question>" [code]
//
// It registers the account (ALREADY_EXISTS is fine), logs in, asks once (unary Ask), asks again as a
// stream (AskStream: the routing decision, the answer in chunks, the final record), then sends a bad
// Register on purpose and decodes the google.rpc.Status details of the error (BadRequest field
// violations, RetryInfo, ...) as any client should. With -retry-demo it also fails logins of a throwaway
// account until the server throttles them (RESOURCE_EXHAUSTED with RetryInfo: when to try again).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	learnflowv1 "learnflow.dev/generated/go/learnflow/v1"
)

func main() {
	retryDemo := flag.Bool("retry-demo", false, "also show RetryInfo: fail a throwaway account's logins until throttled")
	flag.Parse()
	args := flag.Args()
	if len(args) < 4 {
		fmt.Fprintln(os.Stderr, `usage: learnflow-example [-retry-demo] <envoy host:port> <email> <password> "<question>" [code]`)
		os.Exit(2)
	}
	address, email, password, question := args[0], args[1], args[2], args[3]
	code := ""
	if len(args) > 4 {
		code = args[4]
	}
	if err := run(address, email, password, question, code, *retryDemo); err != nil {
		fmt.Fprintf(os.Stderr, "ERROR %v\n", describe(err))
		os.Exit(1)
	}
}

func run(address, email, password, question, code string, retryDemo bool) error {
	conn, err := grpc.NewClient(address, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	identity := learnflowv1.NewIdentityServiceClient(conn)
	triage := learnflowv1.NewTriageServiceClient(conn)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	// Register: at least 10 characters with a letter and a digit. An existing account is fine.
	_, err = identity.Register(ctx, &learnflowv1.RegisterRequest{Email: email, Password: password, Name: "Go Example"})
	if err != nil && status.Code(err) != codes.AlreadyExists {
		return fmt.Errorf("register: %w", err)
	}
	login, err := identity.Login(ctx, &learnflowv1.LoginRequest{Email: email, Password: password})
	if err != nil {
		return fmt.Errorf("login: %w", err)
	}
	fmt.Printf("LOGGED IN %s\n", login.GetStudent().GetStudentId())
	// The access token travels as `authorization: Bearer <token>` metadata on every call.
	authed := metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+login.GetTokens().GetAccessToken())

	language := learnflowv1.CodeLanguage_CODE_LANGUAGE_UNSPECIFIED
	if code != "" {
		language = learnflowv1.CodeLanguage_CODE_LANGUAGE_PYTHON
	}
	answer, err := triage.Ask(authed, &learnflowv1.AskRequest{QueryText: question, CodeSnippet: code, Language: language})
	if err != nil {
		return fmt.Errorf("ask: %w", err)
	}
	fmt.Printf("ASK %s %s %d chars\n", answer.GetRouting().GetRoutedToAgent(), answer.GetQuery().GetStatus(),
		len(answer.GetResponse().GetResponseText()))

	// Follow-up in the same session, streamed.
	stream, err := triage.AskStream(authed, &learnflowv1.AskStreamRequest{QueryText: question, CodeSnippet: code,
		Language: language, SessionId: answer.GetQuery().GetSessionId()})
	if err != nil {
		return fmt.Errorf("ask stream: %w", err)
	}
	for {
		event, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("ask stream: %w", err)
		}
		switch e := event.GetEvent().(type) {
		case *learnflowv1.AskStreamResponse_Routing:
			fmt.Printf("ROUTED %s %.2f\n", e.Routing.GetRoutedToAgent(), e.Routing.GetConfidence())
		case *learnflowv1.AskStreamResponse_TextChunk:
			fmt.Print(e.TextChunk)
		case *learnflowv1.AskStreamResponse_Final:
			fmt.Printf("\nFINAL %s %s\n", e.Final.GetQuery().GetQueryId(), e.Final.GetResponse().GetClaudeModel())
		}
	}

	// A bad request on purpose: the status carries which fields are wrong and why.
	_, err = identity.Register(ctx, &learnflowv1.RegisterRequest{Email: "not-an-email", Password: "short", Name: " "})
	if err == nil {
		return errors.New("the bad Register was accepted")
	}
	fmt.Printf("BAD REQUEST %s\n", describe(err))
	for _, line := range detailLines(err) {
		fmt.Println(line)
	}
	if retryDemo {
		return showRetryInfo(ctx, identity, "throttled-"+email)
	}
	return nil
}

// showRetryInfo fails logins until the server answers RESOURCE_EXHAUSTED, then prints its RetryInfo.
func showRetryInfo(ctx context.Context, identity learnflowv1.IdentityServiceClient, email string) error {
	for attempt := 1; attempt <= 20; attempt++ {
		_, err := identity.Login(ctx, &learnflowv1.LoginRequest{Email: email, Password: "wrong-password-1"})
		if status.Code(err) == codes.ResourceExhausted {
			fmt.Printf("THROTTLED after %d attempts: %s\n", attempt, describe(err))
			for _, line := range detailLines(err) {
				fmt.Println(line)
			}
			return nil
		}
		if status.Code(err) != codes.Unauthenticated {
			return fmt.Errorf("login with a wrong password: %v", describe(err))
		}
	}
	return errors.New("the server never throttled the failed logins")
}
