import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Role } from '../auth/auth.types';
import type { RequestContext } from '../context';
import { RequestContactInput } from './contact-request.inputs';
import type { ContactRequestService } from './contact-request.service';
import { ContactRequest } from './contact-request.types';

/** Mutations of contact requests (partners only); thin: arguments → service. */
@Resolver()
export class ContactRequestMutationResolver {
  constructor(private readonly contacts: ContactRequestService) {}

  @Authorized(Role.PARTNER)
  @Mutation(() => ContactRequest, {
    description:
      "Asks another ACTIVE partner for its contact data (Kontaktanfrage). Repeating it returns the pair's open or accepted request.",
  })
  requestContact(
    @Arg('input', () => RequestContactInput) input: RequestContactInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ContactRequest> {
    return this.contacts.requestContact(ctx.user, input);
  }

  @Authorized(Role.PARTNER)
  @Mutation(() => ContactRequest, {
    description:
      'Accepts a contact request (the partner asked): both see each other’s contact data until either revokes.',
  })
  acceptContactRequest(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ContactRequest> {
    return this.contacts.acceptContactRequest(ctx.user, id);
  }

  @Authorized(Role.PARTNER)
  @Mutation(() => ContactRequest, {
    description:
      'Declines a contact request (the partner asked), without a reason; the requester only sees DECLINED ("nicht jetzt").',
  })
  declineContactRequest(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ContactRequest> {
    return this.contacts.declineContactRequest(ctx.user, id);
  }

  @Authorized(Role.PARTNER)
  @Mutation(() => ContactRequest, {
    description:
      'Ends the contact shared with a partner (either side): the accepted request becomes REVOKED.',
  })
  revokeContact(
    @Arg('partnerId', () => ID) partnerId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ContactRequest> {
    return this.contacts.revokeContact(ctx.user, partnerId);
  }
}
