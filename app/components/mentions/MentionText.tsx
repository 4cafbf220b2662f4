import { mentionSegments } from '#core/mentions/tokens.ts'

/**
 * A stored comment body with its mentions shown as "@Name" (ADR 062). React escapes every piece;
 * the name is the one the server wrote into the token, the person's name when the comment was posted.
 */
export function MentionText({ body }: { body: string }) {
  return (
    <>
      {mentionSegments(body).map((segment, i) =>
        'text' in segment ? (
          segment.text
        ) : (
          <span key={i} className="mention" data-mention={segment.mention.userId}>
            @{segment.mention.name}
          </span>
        ),
      )}
    </>
  )
}
