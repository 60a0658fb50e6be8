import { EditSocialHandler } from './handlers/edit-social.handler.js';
import { PublishSocialHandler } from './handlers/publish-social.handler.js';
import { ReviewSocialScheduleHandler } from './handlers/review-social-schedule.handler.js';
import { SocialUpkeepHandler } from './handlers/social-upkeep.handler.js';
import { UnpublishSocialHandler } from './handlers/unpublish-social.handler.js';
import { VerifySocialHandler } from './handlers/verify-social.handler.js';

/** The social package's job handlers, for its module's providers; the worker discovers them there. */
export const SOCIAL_JOB_HANDLERS = [
  PublishSocialHandler,
  VerifySocialHandler,
  UnpublishSocialHandler,
  EditSocialHandler,
  ReviewSocialScheduleHandler,
  SocialUpkeepHandler,
];
